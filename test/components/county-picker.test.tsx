// The county picker of the risk-list page: typing filters (locally, and the server search for the typed
// text), a mouse click or ↑/↓ + Enter chooses, nothing is chosen at first and 确定 stays off until then.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CountyPicker } from '../../src/staff/components/CountyPicker';

const suggestions = [{ code: '220102', name: '南关区' }];
const pickFrom = [
  { code: '220102', name: '南关区' },
  { code: '220103', name: '宽城区' },
  { code: '220104', name: '朝阳区' },
  { code: '220106', name: '绿园区' },
];

function setup(search = jest.fn(async (_q: string) => [] as Array<{ code: string; name: string; fullName: string }>)) {
  const onConfirm = jest.fn();
  render(
    <CountyPicker suggestions={suggestions} pickFrom={pickFrom} pickFromParent="吉林省长春市" search={search} subject="吉林省 长春市 净月区（3行）" onConfirm={onConfirm} onCancel={jest.fn()} />,
  );
  const input = screen.getByPlaceholderText('输入区县名称筛选，如 南关');
  const confirm = () => screen.getByText('确定').closest('.nut-button')!;
  const off = () => confirm().classList.contains('nut-button-disabled');
  const options = () => screen.queryAllByRole('option').map((o) => o.textContent);
  return { onConfirm, input, confirm, off, options, search };
}

it('offers every county once, nothing chosen, and 确定 off', () => {
  const { confirm, off, options, onConfirm } = setup();
  expect(options()).toEqual(['南关区可能是', '宽城区本市', '朝阳区本市', '绿园区本市']);
  expect(screen.queryAllByRole('option', { selected: true })).toHaveLength(0);
  expect(screen.getByTestId('county-picker-chosen').textContent).toBe('尚未选择区县');
  expect(off()).toBe(true);
  fireEvent.click(confirm());
  expect(onConfirm).not.toHaveBeenCalled();
});

it('filters as text is typed, and adds what the server search finds', async () => {
  const search = jest.fn(async (q: string) => (q === '净月' ? [{ code: '220184', name: '净月高新区', fullName: '吉林省长春市净月高新技术产业开发区' }] : []));
  const { input, options } = setup(search);
  fireEvent.input(input, { target: { value: '宽' } });
  expect(options()).toEqual(['宽城区本市']);
  fireEvent.input(input, { target: { value: '净月' } });
  expect(options()).toEqual([]);
  await waitFor(() => expect(options()).toEqual(['吉林省长春市净月高新技术产业开发区搜索']));
  expect(search).toHaveBeenLastCalledWith('净月');
  fireEvent.input(input, { target: { value: '' } });
  expect(options()).toHaveLength(4);
});

it('chooses with the mouse, shows the county in words, then 确定 sends it', () => {
  const { confirm, off, onConfirm } = setup();
  fireEvent.click(screen.getByText('朝阳区'));
  expect(screen.getByRole('option', { selected: true }).textContent).toContain('朝阳区');
  expect(screen.getByTestId('county-picker-chosen').textContent).toBe('吉林省 长春市 净月区（3行） 将对应到：吉林省长春市朝阳区');
  expect(onConfirm).not.toHaveBeenCalled();
  expect(off()).toBe(false);
  fireEvent.click(confirm());
  expect(onConfirm).toHaveBeenCalledWith(expect.objectContaining({ code: '220104', name: '朝阳区' }));
});

it('chooses with ↓/↑ and Enter in the filtered list', () => {
  const { input, off, onConfirm } = setup();
  fireEvent.input(input, { target: { value: '区' } });
  fireEvent.keyDown(input, { key: 'Enter' }); // nothing highlighted yet: nothing chosen
  expect(off()).toBe(true);
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'ArrowDown' });
  fireEvent.keyDown(input, { key: 'ArrowUp' });
  expect(off()).toBe(true); // moving is not choosing
  fireEvent.keyDown(input, { key: 'Enter' });
  expect(screen.getByTestId('county-picker-chosen').textContent).toContain('将对应到：吉林省长春市宽城区');
  expect(off()).toBe(false);
  expect(onConfirm).not.toHaveBeenCalled();
  fireEvent.keyDown(input, { key: 'Enter' }); // Enter again on the chosen county is 确定
  expect(onConfirm).toHaveBeenCalledTimes(1);
  expect(onConfirm).toHaveBeenCalledWith(expect.objectContaining({ code: '220103' }));
});

it('says so when the typed text matches nothing', async () => {
  const { input } = setup();
  await act(async () => {
    fireEvent.input(input, { target: { value: '不存在' } });
  });
  expect(await screen.findByText('未找到“不存在”，换个写法试试')).toBeTruthy();
});
