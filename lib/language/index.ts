// DOM-free Dockerfile language service for the editor: diagnostics, quick fixes, hovers, completion, symbols.
// components/editor/language adapts it to Monaco.
export { scanDockerfile, instructionAt, stageAt, type Range, type Scan, type ScannedInstruction, type ScannedStage, type Word } from './scan';
export { computeDiagnostics, toRange, type Diagnostic, type DiagnosticSeverity, type DiagnosticsOptions } from './diagnostics';
export { codeActions, codeActionsFor, applyEdits, simpleShellWords, type CodeAction, type TextEdit } from './codeactions';
export { hoverAt, definitionAt, variableAt, type Hover, type LanguageContext } from './hover';
export { completeAt, type CompletionItem, type CompletionKind, type CompletionResult } from './completion';
export { documentSymbols, foldingRanges, visibleVariables, allDefinitions, findStage, type DocumentSymbol, type FoldingRange, type VariableDef } from './symbols';
export { createImageCatalog, splitImageRef, humanSize, type ImageCatalog, type ImageRepoInfo } from './catalog';
export { INSTRUCTION_DOCS, instructionDoc, flagDoc, instructionUrl, type InstructionDoc, type FlagDoc } from './docs';
