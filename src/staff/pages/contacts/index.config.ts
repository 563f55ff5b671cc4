export default definePageConfig({ navigationBarTitleText: '县区联系人' });
