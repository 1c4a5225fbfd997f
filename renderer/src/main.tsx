import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/content.css';
import './styles/code.css';
import { App } from './App.js';
import { takeLinkFromAddress } from './annotations/deep-link.js';

takeLinkFromAddress();
const root = document.getElementById('root');
if (!root) throw new Error('No #root element in index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
