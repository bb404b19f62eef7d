import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// A Node program: workspace packages and Node built-ins stay external.
export default defineConfig({
  build: {
    target: 'node20',
    ssr: true,
    sourcemap: true,
    minify: false,
    outDir: 'dist',
    rolldownOptions: {
      input: { main: 'src/main.ts', worker: 'src/worker.ts' },
      output: { format: 'es', entryFileNames: '[name].js' },
      external: [/^@disclosure-report\//, /^node:/, ...builtinModules],
    },
  },
});
