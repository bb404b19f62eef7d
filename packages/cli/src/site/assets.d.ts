// The site's stylesheet and script are bundled as text (vite's `?raw`) and written into each site.
declare module '*?raw' {
  const text: string;
  export default text;
}
