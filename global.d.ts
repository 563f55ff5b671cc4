// Ambient types for the Taro app: build-time constants and asset imports.
// Taro's own globals (defineAppConfig, definePageConfig) come in with the @tarojs/taro import in src.

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** WeChat cloud env id, baked in at build time from process.env.CLOUD_ENV ('' when not set). */
declare const CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'rn' | 'harmony';
    CLOUD_ENV?: string;
  }
}
