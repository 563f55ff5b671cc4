export default definePageConfig({ navigationBarTitleText: '转码' });
