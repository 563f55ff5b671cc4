export default definePageConfig({ navigationBarTitleText: '每日返河人员' });
