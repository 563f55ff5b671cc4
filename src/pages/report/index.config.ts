export default definePageConfig({ navigationBarTitleText: '一键直报' });
