// The lesson bodies are MDX modules (@types/mdx declares `*.mdx`; the root tsconfig lists only node types).
/// <reference types="mdx" />
