export default definePageConfig({ navigationBarTitleText: '名单变化待确认转码' });
