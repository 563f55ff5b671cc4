// Taro build config, written by hand (taro init cannot fetch templates offline).
// Each target gets its own outputRoot because every build wipes its output folder.
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const target = process.env.TARO_ENV ?? 'weapp';
// The app reuses the pure domain code (validation, dates) and the contract types from outside
// src/: Taro only compiles sourceRoot unless told otherwise.
const shared = ['domain', 'types'].map((dir) => path.resolve(__dirname, '..', dir));

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'saoma-kangyiqing',
    date: '2022-4-1',
    // NutUI's CSS is written for a 375-wide design, ours for 750: each file converts at its own.
    designWidth: (input) => (typeof input === 'object' && input?.file?.replace(/\\/g, '/').includes('@nutui/') ? 375 : 750),
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${target}`,
    plugins: [],
    defineConstants: {
      // The WeChat cloud env id is baked in at build time; empty means "not configured" and the
      // app says so instead of failing silently (src/services/env.ts).
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      compile: { include: shared },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: shared },
      publicPath: '/',
      staticDirectory: 'static',
      // The local host serves dist/h5 statically at `/`: hash routing needs no server rewrites.
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // The root font size follows the window's shorter side up to this cap: without it a 1366×768
        // desktop draws every page at twice a phone's size (the default cap is 40 px).
        pxtransform: { enable: true, config: { maxRootSize: 24 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
