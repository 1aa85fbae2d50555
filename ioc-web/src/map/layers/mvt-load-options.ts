// Where deck.gl's tile layers find the MVT parsing worker: bundled with the app, because by default loaders.gl
// fetches it from a public CDN, which an offline operations center cannot reach.
import mvtWorkerUrl from '@loaders.gl/mvt/mvt-worker.js?url';

export const MVT_LOAD_OPTIONS = Object.freeze({ mvt: { workerUrl: mvtWorkerUrl } });
