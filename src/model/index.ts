/**
 * The policy model: language-neutral facts ({@link FileFacts}), the tables front ends recognise code
 * with, and the judge that turns facts into findings decisions. Front ends import from here only.
 *
 * @packageDocumentation
 */
export * from './facts.js';
export * from './judge.js';
export * from './tables.js';
