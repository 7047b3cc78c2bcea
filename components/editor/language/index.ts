export { registerDockerfileLanguage, toMonacoRange, LANGUAGE_ID, MARKER_OWNER, type DockerfileLanguageContext } from './register';
export { highlightStep, revealAndFlashLine, FLASH_LINE_CLASS, STEP_ERROR_CLASS, STEP_LINE_CLASS, type StepRange } from './highlight';
