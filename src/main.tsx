import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { connectDownloads, connectWorker } from './store/store';
import { indexedDbStorage } from './store/persist';
import { applyLink, connectStorage, followSettingsInAddress } from './store/workspace';
import { downloadBlob } from './ui/download';
import { createWorkerClient } from './worker/client';
import './ui/app.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('MLP Playground: missing #root element in index.html');
}

connectWorker(createWorkerClient);
connectDownloads(downloadBlob);
// A link's settings first; then the kept workspace (its settings only where the link gave none);
// then the address follows the settings.
const linkGaveSettings = applyLink(location.search);
void connectStorage(indexedDbStorage(), linkGaveSettings).finally(followSettingsInAddress);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
