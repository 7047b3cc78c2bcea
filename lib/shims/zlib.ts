/**
 * Browser stand-in for `node:zlib`, which just-bash's bundle imports for its gzip/gunzip/zcat commands.
 * The playground does not offer those through just-bash, so every entry point fails clearly instead of silently.
 */
const unsupported = (name: string) => (): never => {
  throw new Error(`zlib.${name} is not available in the browser build of the Docker Playground`);
};
export const gzipSync = unsupported('gzipSync');
export const gunzipSync = unsupported('gunzipSync');
export const deflateSync = unsupported('deflateSync');
export const inflateSync = unsupported('inflateSync');
export const deflateRawSync = unsupported('deflateRawSync');
export const inflateRawSync = unsupported('inflateRawSync');
export const brotliCompressSync = unsupported('brotliCompressSync');
export const brotliDecompressSync = unsupported('brotliDecompressSync');
export const gzip = unsupported('gzip');
export const gunzip = unsupported('gunzip');
export const createGzip = unsupported('createGzip');
export const createGunzip = unsupported('createGunzip');
export const constants: Record<string, number> = {};
const zlib = { gzipSync, gunzipSync, deflateSync, inflateSync, deflateRawSync, inflateRawSync, brotliCompressSync, brotliDecompressSync, gzip, gunzip, createGzip, createGunzip, constants };
export default zlib;
