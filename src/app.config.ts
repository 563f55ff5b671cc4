// Resident pages form the main package. Staff pages go in `subPackages` (not yet added) so the
// main package stays small. The sign-in page exists only in local (H5) mode.
const pages = ['pages/code/index', 'pages/report/index'];
if (process.env.TARO_ENV === 'h5') pages.push('pages/signin/index');

export default defineAppConfig({
  pages,
  window: {
    navigationBarTitleText: '扫码抗疫情',
    navigationBarBackgroundColor: '#1aad19',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'light',
  },
});
