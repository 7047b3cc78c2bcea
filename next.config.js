import createMDX from '@next/mdx';

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'export',
  trailingSlash: true,
  images: { unoptimized: true },
  pageExtensions: ['ts', 'tsx', 'mdx'],
  reactStrictMode: true,
  // `npm run typecheck` checks every file (both tsconfigs); `next build` must not fail on a test file in progress.
  typescript: { ignoreBuildErrors: true },
  turbopack: {
    resolveAlias: {
      // just-bash's browser bundle imports node:zlib for gzip commands we do not offer.
      'node:zlib': './lib/shims/zlib.ts',
      // Client components are also rendered on the server (SSR), where the "browser" export condition does not apply;
      // just-bash's Node bundle would pull optional native codecs (zstd, lzma). Use its browser build everywhere.
      'just-bash': 'just-bash/browser',
    },
  },
};

const withMDX = createMDX({ options: { remarkPlugins: [], rehypePlugins: [] } });
export default withMDX(nextConfig);
