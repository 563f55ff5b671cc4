// Tests in layers (see README): each layer a jest project, selectable with --selectProjects.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
];

const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@nutui|@stencil|cookie)/)'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json', 'mjs', 'cjs'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...base, displayName: 'policy', testEnvironment: 'node', testMatch: ['<rootDir>/test/policy/**/*.test.ts'] },
    { ...base, displayName: 'domain', testEnvironment: 'node', testMatch: ['<rootDir>/test/domain/**/*.test.ts', '<rootDir>/test/store/**/*.test.ts'] },
    { ...base, displayName: 'api', testEnvironment: 'node', testMatch: ['<rootDir>/test/api/**/*.test.ts'] },
    {
      ...base,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/components/support/taro-components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/components/support/taro-mock.ts',
        // What babel-plugin-import does in the app build: each NutUI component from its own module.
        '^@nutui/nutui-react-taro$': '<rootDir>/test/components/support/nutui.ts',
        '\\.(css|scss|less)$': '<rootDir>/test/components/support/style-stub.js',
      },
    },
    {
      ...base,
      displayName: 'weapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      // The built bundles are loaded as WeChat loads them, not transformed again.
      transformIgnorePatterns: [...base.transformIgnorePatterns, '<rootDir>/dist/'],
    },
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
};
