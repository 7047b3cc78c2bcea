/**
 * The docker CLI's text output (cli/command/formatter and friends): one entry point per list command, plus the
 * building blocks (Go templates via lib/cli/gotemplate, tabwriter, go-units).
 */
export { FormatError, SubHeaderContext, renderFormat, writeFormat, preFormat, parseFormat, truncateID, goTimeString, goRFC3339 } from './context';
export { formatImages, newImageFormat, imageRows, ImageContext, IMAGE_HEADERS, DEFAULT_IMAGE_TABLE_FORMAT, DEFAULT_IMAGE_TABLE_FORMAT_WITH_DIGEST } from './image';
export type { ImageFormatOptions } from './image';
export { formatHistory, newHistoryFormat, HistoryContext, HISTORY_HEADERS, DEFAULT_HISTORY_TABLE_FORMAT, NON_HUMAN_HISTORY_TABLE_FORMAT } from './history';
export type { HistoryFormatOptions } from './history';
export { formatSearch, newSearchFormat, SearchContext, SEARCH_HEADERS, DEFAULT_SEARCH_TABLE_FORMAT } from './search';
export type { SearchFormatOptions } from './search';
export { formatContainers, newContainerFormat, validateContainerFormat, displayablePorts, ContainerContext, CONTAINER_HEADERS, DEFAULT_CONTAINER_TABLE_FORMAT } from './container';
export type { ContainerFormatOptions } from './container';
export { formatVolumes, newVolumeFormat, naturalLess, VolumeContext, VOLUME_HEADERS } from './volume';
export type { VolumeFormatOptions } from './volume';
export { formatDiskUsage, newDiskUsageFormat, newBuildCacheFormat, sortBuildCache, BuildCacheContext } from './diskusage';
export type { DiskUsageFormatOptions } from './diskusage';
export { TabWriter, AlignRight, Debug, DiscardEmptyColumns, FilterHTML, StripEscape, TabIndent } from './tabwriter';
export { bytesSize, formatFloat, fromHumanSize, goFormatFloat, humanDuration, humanSize, humanSizeWithPrecision, ramInBytes, size, timeAgo } from './units';
export { charWidth, ellipsis, runeWidth, stringWidth } from './width';
