import type { ExerciseDef } from '../types';

const start = { pull: ['alpine:3.20'], commands: ['docker run --name nginx_master alpine:3.20 sh -c "echo Welcome > /motd.txt"'] };

export const dockerCommit: ExerciseDef[] = [
  {
    id: 'commit-author',
    lesson: 'docker-commit',
    title: 'Commit with a message and an author',
    task: 'The container `nginx_master` wrote `/motd.txt`. Turn it into the image `repo_name/server_n:1.0` with the message `Add motd` and the author `Ada Lovelace <ada@example.com>`.',
    start,
    hints: ['`docker container commit [OPTIONS] CONTAINER REPOSITORY:TAG`', '`--message` (`-m`) and `--author` (`-a`) take one argument each: quote them.'],
    solution: { commands: ['docker container commit --message "Add motd" --author "Ada Lovelace <ada@example.com>" nginx_master repo_name/server_n:1.0', 'docker image inspect repo_name/server_n:1.0'] },
    checks: [
      { id: 'exists', label: 'repo_name/server_n:1.0 exists', spec: { kind: 'imageExists', ref: 'repo_name/server_n:1.0' } },
      { id: 'file', label: 'It contains the container’s /motd.txt', spec: { kind: 'fileInImage', ref: 'repo_name/server_n:1.0', path: '/motd.txt', contains: 'Welcome' } },
      { id: 'message', label: 'It was committed with the message "Add motd"', spec: { kind: 'comment', ref: 'repo_name/server_n:1.0', comment: 'Add motd' } },
      { id: 'author', label: 'It was committed with the author Ada Lovelace <ada@example.com>', spec: { kind: 'author', ref: 'repo_name/server_n:1.0', author: 'Ada Lovelace <ada@example.com>' } },
    ],
    wrong: { commands: ['docker container commit --message "Add motd" nginx_master repo_name/server_n:1.0'], fails: 'author' },
  },
  {
    id: 'commit-change',
    lesson: 'docker-commit',
    title: 'Commit with Dockerfile changes',
    task: 'Commit `nginx_master` as `motd:2`, and with `--change` make the image print the file by default (`CMD ["cat", "/motd.txt"]`) and expose port 8080.',
    start,
    hints: ['`--change` (`-c`) takes one Dockerfile instruction; repeat it for several.', '`-c \'CMD ["cat", "/motd.txt"]\' -c "EXPOSE 8080"`'],
    solution: { commands: ['docker commit -c \'CMD ["cat", "/motd.txt"]\' -c "EXPOSE 8080" nginx_master motd:2', 'docker run --rm motd:2'] },
    checks: [
      { id: 'exists', label: 'motd:2 exists', spec: { kind: 'imageExists', ref: 'motd:2' } },
      { id: 'cmd', label: 'Its default command is ["cat","/motd.txt"]', spec: { kind: 'cmd', ref: 'motd:2', cmd: ['cat', '/motd.txt'] } },
      { id: 'expose', label: 'It exposes port 8080', spec: { kind: 'exposes', ref: 'motd:2', port: '8080/tcp' } },
    ],
    wrong: { commands: ['docker commit -c "EXPOSE 8080" nginx_master motd:2'], fails: 'cmd' },
  },
];
