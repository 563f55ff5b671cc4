export default definePageConfig({ navigationBarTitleText: '核实与处置' });
