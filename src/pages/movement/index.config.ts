export default definePageConfig({ navigationBarTitleText: '限时流动' });
