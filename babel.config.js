// babel-preset-taro drives the app build. babel-plugin-import rewrites
// `import { Button } from '@nutui/nutui-react-taro'` to the component's own module and adds its CSS
// (a component's index does not import it: without `style` every NutUI component rendered unstyled),
// so only the NutUI components we use, and their styles, enter the bundle.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        style: (modulePath) => `${modulePath}/style/style.css`,
      },
      'nutui-react-taro',
    ],
  ],
};
