import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { connectWorker } from './store/store';
import { createWorkerClient } from './worker/client';
import './ui/app.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('MLP Playground: missing #root element in index.html');
}

connectWorker(createWorkerClient);

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
