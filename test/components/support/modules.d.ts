// The per-component modules of @tarojs/components-react and NutUI ship no .d.ts of their own.
declare module '@tarojs/components-react/dist/components/*';
