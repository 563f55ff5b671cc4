export default definePageConfig({ navigationBarTitleText: '现场报备' });
