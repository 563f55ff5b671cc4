// Resident pages form the main package. Staff pages live in the `staff` subpackage so the main
// package does not grow with them. The sign-in page exists only in local (H5) mode.
const pages = ['pages/code/index', 'pages/report/index', 'pages/movement/index', 'pages/appeal/index', 'pages/family/index', 'pages/history/index'];
if (process.env.TARO_ENV === 'h5') pages.push('pages/signin/index');

/** Staff pages, one line each; the workbench (home) lists those the signed-in role may use. */
const staffPages = ['pages/home/index', 'pages/appeals/index', 'pages/risk-publish/index', 'pages/risk-query/index', 'pages/recode-review/index', 'pages/arrivals/index', 'pages/arrival/index', 'pages/conversions/index', 'pages/nucleic/index', 'pages/accounts/index', 'pages/contacts/index', 'pages/audit/index', 'pages/checkpoint/index', 'pages/checkpoint-report/index', 'pages/dashboard/index', 'pages/policy/index'];

export default defineAppConfig({
  pages,
  subPackages: [{ root: 'staff', pages: staffPages }],
  window: {
    navigationBarTitleText: '扫码抗疫情',
    navigationBarBackgroundColor: '#1aad19',
    navigationBarTextStyle: 'white',
    // H5 draws Taro's own title bar with a back/home button only when asked (WeChat always has one).
    navigationStyle: 'default',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'light',
  },
});
