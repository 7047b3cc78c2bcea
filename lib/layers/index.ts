/** The layer explorer's data: what each layer of an image adds, changes and removes, wasted space, cache status. */
export {
  explainImage, layerFiles, layerChanges, countChanges,
  type ImageExplanation, type LayerInfo, type FileChange, type FileRow, type ChangeKind, type ChangeCounts, type CacheStatus,
  type WastedFile, type ContainerLayer, type ExplainOptions, type FileType,
} from './explain';
export { recordBuilds, noteBuild, lastBuild, mapBuildSteps, type BuildRecord, type StepInfo } from './builds';
export { buildTree, visibleRows, initialExpanded, onlyChanged, type TreeNode, type VisibleRow } from './tree';
export { describeLayer, describeImage, formatBytes, cacheReasonText, countsText, percent } from './describe';
