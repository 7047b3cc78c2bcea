export { registerDockerfileLanguage, toMonacoRange, LANGUAGE_ID, MARKER_OWNER, type DockerfileLanguageContext } from './register';
export { highlightStep, STEP_LINE_CLASS, type StepRange } from './highlight';
