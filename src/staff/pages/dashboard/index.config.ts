export default definePageConfig({ navigationBarTitleText: '每日处理质量' });
