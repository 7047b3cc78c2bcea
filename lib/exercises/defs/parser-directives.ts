import type { ExerciseDef } from '../types';

const continued = 'FROM alpine:3.20\nRUN echo hello `\n    world > /greeting.txt\n';

export const parserDirectives: ExerciseDef[] = [
  {
    id: 'escape-backtick',
    lesson: 'parser-directives',
    title: 'A backtick as the escape character',
    task: 'This Dockerfile continues a line with a backtick, PowerShell style. Make the parser accept it with a directive (do not change the RUN line), and build `esc:1`.',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: continued } },
    hints: ['Directives are comments of the form `# directive=value` on the very first lines.', 'Put the directive # escape=` on the very first line: its value is a single backtick.'],
    solution: { files: { Dockerfile: '# escape=`\n' + continued }, commands: ['docker build -t esc:1 .'] },
    checks: [
      { id: 'exists', label: 'esc:1 was built', spec: { kind: 'imageExists', ref: 'esc:1' } },
      { id: 'content', label: '/greeting.txt says hello world', spec: { kind: 'fileInImage', ref: 'esc:1', path: '/greeting.txt', contains: 'hello world' } },
    ],
    wrong: { files: { Dockerfile: '# build the greeting\n# escape=`\n' + continued }, commands: ['docker build -t esc:1 .'], fails: 'exists' },
  },
  {
    id: 'literal-backslashes',
    lesson: 'parser-directives',
    title: 'Windows paths in ENV',
    task: 'Build `winpath:1` from `alpine:3.20` with `ENV WIN_PATH=C:\\tools\\bin` and make sure the value keeps its backslashes (inspect the image to see what you got).',
    start: { pull: ['alpine:3.20'], files: { Dockerfile: 'FROM alpine:3.20\nENV WIN_PATH=C:\\tools\\bin\n' } },
    hints: [
      'Build it as it is and inspect `Config.Env`: the backslashes are escape characters and vanish.',
      'Change the escape character with a directive so that `\\` is an ordinary character.',
      'The very first line must be the directive # escape=` (its value is a single backtick).',
    ],
    solution: { files: { Dockerfile: '# escape=`\nFROM alpine:3.20\nENV WIN_PATH=C:\\tools\\bin\n' }, commands: ['docker build -t winpath:1 .', 'docker image inspect --format "{{json .Config.Env}}" winpath:1'] },
    checks: [
      { id: 'exists', label: 'winpath:1 exists', spec: { kind: 'imageExists', ref: 'winpath:1' } },
      { id: 'value', label: 'WIN_PATH is C:\\tools\\bin, backslashes included', spec: { kind: 'env', ref: 'winpath:1', name: 'WIN_PATH', value: 'C:\\tools\\bin' } },
    ],
    wrong: { commands: ['docker build -t winpath:1 .'], fails: 'value' },
  },
];
