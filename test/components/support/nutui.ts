// What babel-plugin-import does in the real build: each NutUI component from its own module
// (the package's main entry is a 2 MB UMD bundle with every component).
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index.js';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell/index.js';
