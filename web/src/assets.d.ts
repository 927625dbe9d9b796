// Images imported by code are bundled by Vite, which answers their URL.
declare module '*.png' {
  const url: string;
  export default url;
}
