import { useId } from 'react';

/** Registry -> repositories -> tagged images; pulling copies one image to the local host. */
export function RegistryDiagram() {
  const id = useId();
  const repos = [
    { name: 'nginx', tags: ['latest', '1.27', 'alpine'], official: true },
    { name: 'alpine', tags: ['latest', '3.20', '3.19'], official: true },
    { name: 'asahicantu/nginx', tags: ['1.0'], official: false },
  ];
  return (
    <figure className="my-8">
      <svg viewBox="0 0 760 330" role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full">
        <title id={`${id}-t`}>A registry stores repositories; each repository holds tagged images</title>
        <desc id={`${id}-d`}>
          The registry (for example Docker Hub) contains three repositories: nginx with the tags latest, 1.27 and alpine; alpine with the
          tags latest, 3.20 and 3.19; and the user repository asahicantu/nginx with the tag 1.0. An arrow labelled docker pull copies the
          image alpine:3.20 from the registry to the image store on your machine; an arrow labelled docker push goes the other way.
        </desc>
        <rect x="10" y="10" width="520" height="310" rx="14" fill="#0f131b" stroke="#3a4559" />
        <text x="30" y="40" fill="#8cc8ff" fontSize="16" fontWeight="600">Registry (e.g. Docker Hub)</text>
        {repos.map((r, i) => {
          const x = 30 + i * 168;
          return (
            <g key={r.name}>
              <rect x={x} y="58" width="150" height="245" rx="10" fill="#131824" stroke="#283142" />
              <text x={x + 12} y="82" fill="#e2e8f0" fontSize="13" fontWeight="600">repository</text>
              <text x={x + 12} y="100" fill="#8cc8ff" fontSize="13" fontFamily="monospace">{r.name}</text>
              <text x={x + 12} y="117" fill="#64748b" fontSize="11">{r.official ? 'official' : 'user repository'}</text>
              {r.tags.map((t, k) => (
                <g key={t}>
                  <rect x={x + 12} y={130 + k * 56} width="126" height="44" rx="6" fill="#1c2331" stroke={r.name === 'alpine' && t === '3.20' ? '#4fb0ff' : '#3a4559'} />
                  <text x={x + 22} y={150 + k * 56} fill="#cbd5e1" fontSize="11">image</text>
                  <text x={x + 22} y={166 + k * 56} fill="#e2e8f0" fontSize="12" fontFamily="monospace">:{t}</text>
                </g>
              ))}
            </g>
          );
        })}
        <defs>
          <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill="#4fb0ff" />
          </marker>
        </defs>
        <path d="M480 215 C 540 215, 560 150, 600 150" fill="none" stroke="#4fb0ff" strokeWidth="2" markerEnd={`url(#${id}-arrow)`} />
        <text x="528" y="142" fill="#8cc8ff" fontSize="12" fontFamily="monospace">docker pull</text>
        <path d="M600 250 C 560 250, 545 275, 520 275" fill="none" stroke="#64748b" strokeWidth="2" strokeDasharray="5 4" markerEnd={`url(#${id}-arrow)`} />
        <text x="552" y="296" fill="#94a3b8" fontSize="12" fontFamily="monospace">docker push</text>
        <rect x="600" y="110" width="150" height="170" rx="12" fill="#0f131b" stroke="#3a4559" />
        <text x="614" y="136" fill="#e2e8f0" fontSize="13" fontWeight="600">Your machine</text>
        <text x="614" y="154" fill="#64748b" fontSize="11">local image store</text>
        <rect x="614" y="168" width="122" height="44" rx="6" fill="#1c2331" stroke="#4fb0ff" />
        <text x="624" y="195" fill="#e2e8f0" fontSize="12" fontFamily="monospace">alpine:3.20</text>
      </svg>
      <figcaption className="mt-2 text-center text-sm text-slate-500">
        A registry holds repositories; a repository holds images, told apart by their tags.
      </figcaption>
    </figure>
  );
}

/** Read-only image layers stacked under a container's thin writable layer. */
export function LayersDiagram() {
  const id = useId();
  const layers = [
    { label: 'FROM ubuntu:18.10', note: 'base image layers', fill: '#1c2331' },
    { label: 'RUN apt-get update && apt-get install -y nginx', note: 'adds /usr/sbin/nginx, /etc/nginx/…', fill: '#1c2331' },
    { label: 'COPY index.html /usr/share/nginx/html/', note: 'adds one file', fill: '#1c2331' },
  ];
  return (
    <figure className="my-8">
      <svg viewBox="0 0 760 330" role="img" aria-labelledby={`${id}-t ${id}-d`} className="h-auto w-full">
        <title id={`${id}-t`}>An image is a stack of read-only layers; a container adds one writable layer on top</title>
        <desc id={`${id}-d`}>
          From bottom to top: the layers of the base image ubuntu:18.10, a layer made by RUN apt-get install nginx, and a layer made by
          COPY index.html. These three are read-only and shared by every container of the image. On top sits the container's thin
          writable layer, where files the container creates or changes are written. A union mount merges all layers into the single
          file system the container sees; a file deleted in an upper layer is hidden by a whiteout, not removed from the layer below.
        </desc>
        <text x="20" y="30" fill="#e2e8f0" fontSize="14" fontWeight="600">Container</text>
        <rect x="20" y="42" width="500" height="48" rx="8" fill="#2496ed" fillOpacity="0.18" stroke="#4fb0ff" strokeDasharray="6 4" />
        <text x="36" y="64" fill="#e2e8f0" fontSize="13" fontWeight="600">Writable container layer</text>
        <text x="36" y="81" fill="#8cc8ff" fontSize="11">new and changed files; deleted when the container is removed</text>
        <text x="20" y="120" fill="#e2e8f0" fontSize="14" fontWeight="600">Image (read-only)</text>
        {[...layers].reverse().map((l, i) => (
          <g key={l.label}>
            <rect x="20" y={132 + i * 60} width="500" height="50" rx="8" fill={l.fill} stroke="#3a4559" />
            <text x="36" y={154 + i * 60} fill="#e2e8f0" fontSize="12" fontFamily="monospace">{l.label}</text>
            <text x="36" y={172 + i * 60} fill="#94a3b8" fontSize="11">{l.note}</text>
          </g>
        ))}
        <path d="M540 60 L560 60 L560 300 L540 300" fill="none" stroke="#64748b" />
        <text x="572" y="160" fill="#e2e8f0" fontSize="13" fontWeight="600">Union mount</text>
        <text x="572" y="180" fill="#94a3b8" fontSize="11">one merged view: the</text>
        <text x="572" y="196" fill="#94a3b8" fontSize="11">upper layer wins when</text>
        <text x="572" y="212" fill="#94a3b8" fontSize="11">two layers have a file</text>
      </svg>
      <figcaption className="mt-2 text-center text-sm text-slate-500">
        Image layers are shared and never change; each container writes only to its own top layer.
      </figcaption>
    </figure>
  );
}
