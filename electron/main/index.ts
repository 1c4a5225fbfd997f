import { app } from 'electron';

app.whenReady().then(() => {
  // Filled in by the Electron shell work.
});
