// @tarojs/components in jsdom: the H5 React implementations Taro itself ships for the web
// (@tarojs/components-react). Taken one by one: its index also loads the Stencil web-component
// wrappers, which jsdom cannot run and which nothing here uses.
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js';
export { default as Icon } from '@tarojs/components-react/dist/components/icon/index.js';
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js';
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js';
export { default as Picker } from '@tarojs/components-react/dist/components/picker/index.js';
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js';
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js';
export { default as View } from '@tarojs/components-react/dist/components/view/index.js';
/** Taro ships no React Textarea for the web: a native one answering onInput as Taro's does ({ detail: { value } }). */
export function Textarea({ value, placeholder, className, maxlength, onInput }: { value?: string; placeholder?: string; className?: string; maxlength?: number; onInput?: (e: { detail: { value: string } }) => void }) {
  return <textarea className={className} placeholder={placeholder} value={value} maxLength={maxlength} onChange={(e) => onInput?.({ detail: { value: e.currentTarget.value } })} />;
}
