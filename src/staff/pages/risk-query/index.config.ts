export default definePageConfig({ navigationBarTitleText: '风险区域速查' });
