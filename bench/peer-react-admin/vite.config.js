// The peer is built like a typical react-admin app: Vite's production build
// with the React plugin and no other settings, so its bytes are what a
// team starting from react-admin's defaults would ship.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // The manifest lists what index.html loads; scripts/bench reads the
  // first-load files from the browser's Resource Timing instead, and this
  // is a cross-check when reading the build by hand.
  // The default build makes one chunk of about 1 MB; the warning about
  // its size is this benchmark's figure, so it is not repeated at each run.
  build: { manifest: true, chunkSizeWarningLimit: 4096 },
});
