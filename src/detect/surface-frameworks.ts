/**
 * Multi-user surfaces by name, as the JS/TS front end (src/js/surfaces.ts) uses them: views of the
 * model's entry-point table (src/model/tables.ts), which is where a framework is added, plus the
 * few names that are not frameworks (discord.js events, file-route conventions).
 *
 * @packageDocumentation
 */
import { ENTRY_POINT_FRAMEWORKS, HTTP_ROUTE_METHODS } from '../model/tables.js';

export { HTTP_ROUTE_METHODS };

/** A kind of multi-user surface. */
export type SurfaceKind = 'http' | 'slack' | 'discord' | 'telegram' | 'whatsapp';

/** A bot framework: the packages that identify it and its handler-registering methods. */
export interface BotFramework {
  kind: Exclude<SurfaceKind, 'http'>;
  /** Shown in messages: "Slack", "Discord", "Telegram". */
  name: string;
  modules: readonly string[];
  methods: readonly string[];
}

const npm = ENTRY_POINT_FRAMEWORKS.filter((framework) => framework.ecosystem === 'npm');

/** The npm chat frameworks of the model's table, one entry per service (Slack, Discord, Telegram, WhatsApp). */
export const BOT_FRAMEWORKS: readonly BotFramework[] = [...new Set(npm.flatMap((framework) => (framework.service ? [framework.service] : [])))].map((service) => {
  const frameworks = npm.filter((framework) => framework.service === service);
  return {
    kind: service.toLowerCase() as BotFramework['kind'],
    name: service,
    modules: frameworks.flatMap((framework) => framework.packages),
    methods: [...new Set(frameworks.flatMap((framework) => framework.registrars))],
  };
});

/** discord.js events that carry other people's messages and commands (names and `Events` keys). */
export const DISCORD_MESSAGE_EVENTS: readonly string[] = ['messageCreate', 'interactionCreate', 'MessageCreate', 'InteractionCreate'];
/** discord.js builders that mark a slash-command module (`{ data: new SlashCommandBuilder(), execute }`). */
export const DISCORD_COMMAND_BUILDERS: readonly string[] = ['SlashCommandBuilder', 'ContextMenuCommandBuilder'];

/** The npm web frameworks of the model's table whose route methods take a path and handlers; the label is shown in messages. */
export const HTTP_FRAMEWORKS: ReadonlyArray<{ label: string; modules: readonly string[] }> = npm
  .filter((framework) => framework.kind === 'http' && framework.registrars.some((method) => HTTP_ROUTE_METHODS.includes(method)))
  .map((framework) => ({ label: framework.name, modules: framework.packages }));

/** Node's HTTP server modules (`createServer(handler)`). */
export const NODE_HTTP_MODULES: readonly string[] = npm.find((framework) => framework.name === 'node:http')?.packages ?? [];

/** Exported names that are request handlers in file-routed frameworks. */
export const HTTP_VERB_EXPORTS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** File-routed frameworks: which files hold handlers, and which exports are handlers there. */
export const FILE_ROUTES: ReadonlyArray<{ label: string; path: RegExp; exports: readonly string[] }> = [
  { label: 'Next.js route handler', path: /(?:^|\/)app\/(?:.+\/)?route\.[cm]?[jt]sx?$/, exports: HTTP_VERB_EXPORTS },
  { label: 'Next.js API route', path: /(?:^|\/)pages\/api\/.+\.[cm]?[jt]sx?$/, exports: ['default'] },
  { label: 'Remix route', path: /(?:^|\/)app\/routes\/.+\.[cm]?[jt]sx?$/, exports: ['action', 'loader'] },
  { label: 'SvelteKit endpoint', path: /(?:^|\/)\+server\.[cm]?[jt]s$/, exports: HTTP_VERB_EXPORTS },
  { label: 'Astro endpoint', path: /(?:^|\/)src\/pages\/.+\.[cm]?[jt]s$/, exports: HTTP_VERB_EXPORTS },
  { label: 'TanStack Start server route', path: /(?:^|\/)src\/routes\/.+\.[cm]?[jt]sx?$/, exports: HTTP_VERB_EXPORTS },
];

/** Handler wrappers of h3/Nuxt: `defineEventHandler(async (event) => …)`, from the model's table. */
export const EVENT_HANDLER_FACTORIES: readonly string[] = (npm.find((framework) => framework.name === 'h3')?.registrars ?? []).filter((method) => !HTTP_ROUTE_METHODS.includes(method));

/**
 * Handlers registered at the end of a builder chain: tRPC procedures
 * (`publicProcedure.input(schema).mutation(async ({ input }) => …)`) and TanStack Start server
 * functions (`createServerFn({ method: 'POST' }).handler(async () => …)`). `chain` must match the
 * text of the chain before the method.
 */
export const CHAINED_HANDLERS: ReadonlyArray<{ label: string; methods: readonly string[]; chain: RegExp }> = [
  { label: 'tRPC procedure', methods: ['query', 'mutation', 'subscription'], chain: /procedure\b/i },
  { label: 'TanStack Start server function', methods: ['handler'], chain: /\bcreateServerFn\b/ },
];
