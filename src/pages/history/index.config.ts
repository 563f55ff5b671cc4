export default definePageConfig({ navigationBarTitleText: '健康码记录' });
