// babel-preset-taro drives the app build. babel-plugin-import rewrites
// `import { Button } from '@nutui/nutui-react-taro'` to the component's own module (whose index
// imports its own CSS), so only the NutUI components we use enter the bundle.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
      },
      'nutui-react-taro',
    ],
  ],
};
