export default definePageConfig({ navigationBarTitleText: '发布风险区域名单' });
