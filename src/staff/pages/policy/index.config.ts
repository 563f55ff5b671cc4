export default definePageConfig({ navigationBarTitleText: '健康码政策版本' });
