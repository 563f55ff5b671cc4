// The quick query: a name finds cities, counties and streets; a place's areas come a page at a time; a
// search or query that finds nothing says so and takes the previous answer away.
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import RiskQuery from '../../src/staff/pages/risk-query/index';
import { calls, resetTaroMock, setApiHandler } from './support/taro-mock';

const area = (i: number) => ({ id: `a${i}`, kind: 'high', level: 'high', area: `第${i}小区`, countyCode: '220102', county: '吉林省长春市南关区', cityCode: '2201' });

beforeEach(() => {
  resetTaroMock();
  setApiHandler((fn, data) => {
    if (fn !== 'risk') throw new Error('unexpected call');
    if (data.action === 'search') {
      const places = [
        { code: '2201', name: '长春市', fullName: '吉林省长春市', level: 'city' },
        { code: '220102', name: '南关区', fullName: '吉林省长春市南关区', level: 'county' },
        { code: '110105006', name: '酒仙桥街道', fullName: '北京市朝阳区酒仙桥街道', level: 'street' },
        { code: '999999', name: '空区', fullName: '某省某市空区', level: 'county' },
      ].filter((p) => p.fullName.includes(String(data.q)));
      return { ok: true, data: { places } };
    }
    if (data.action === 'query') {
      if (data.code === '999999') return { ok: false, error: { code: 'NOT_FOUND', message: '没有这个地名' } };
      const from = Number(data.cursor ?? 0);
      const items = Array.from({ length: Math.min(Number(data.limit), 60 - from) }, (_, k) => area(from + k));
      return {
        ok: true,
        data: {
          asOf: '2022-12-01', listDate: '2022-12-01', place: { code: data.code, fullName: '吉林省长春市', level: 'city' }, hasRisk: true, confirmedCity: true,
          kinds: { high: 60, medium: 0, sealed: 0, controlled: 0 },
          areas: { items, total: 60, ...(from + items.length < 60 ? { nextCursor: String(from + items.length) } : {}) },
          summary: '吉林省长春市有高风险区60个（2022年12月1日名单）',
        },
      };
    }
    throw new Error(`unexpected action ${String(data.action)}`);
  });
});

const box = () => screen.getByPlaceholderText('输入城市、区县或街道名称，如 长春、朝阳区、酒仙桥');

it('finds cities, counties and streets by name, and pages the areas of the answer', async () => {
  render(<RiskQuery />);
  fireEvent.input(box(), { target: { value: '长春' } });
  fireEvent.click(await screen.findByText('吉林省长春市'));
  expect(await screen.findByText('吉林省长春市有高风险区60个（2022年12月1日名单）')).toBeTruthy();
  expect(screen.getByText('已显示50个，共60个')).toBeTruthy();
  fireEvent.click(screen.getByText('加载更多'));
  expect(await screen.findByText('已显示60个，共60个')).toBeTruthy();
  expect(screen.queryByText('加载更多')).toBeNull();
  expect(calls.filter((c) => c.data.action === 'query').map((c) => c.data.cursor ?? null)).toEqual([null, '50']);

  fireEvent.input(box(), { target: { value: '酒仙桥' } });
  expect(await screen.findByText('北京市朝阳区酒仙桥街道')).toBeTruthy();
});

it('says 未找到 and clears the previous answer when a search finds nothing', async () => {
  render(<RiskQuery />);
  fireEvent.input(box(), { target: { value: '长春' } });
  fireEvent.click(await screen.findByText('吉林省长春市'));
  await screen.findByTestId('risk-answer');
  fireEvent.input(box(), { target: { value: '不存在的地名' } });
  expect(await screen.findByText('未找到“不存在的地名”，请换一个城市、区县或街道名称')).toBeTruthy();
  expect(screen.queryByTestId('risk-answer')).toBeNull();
});

it('says 未找到 and clears the previous answer when the query finds nothing', async () => {
  render(<RiskQuery />);
  fireEvent.input(box(), { target: { value: '长春' } });
  fireEvent.click(await screen.findByText('吉林省长春市'));
  await screen.findByTestId('risk-answer');
  fireEvent.input(box(), { target: { value: '空区' } });
  fireEvent.click(await screen.findByText('某省某市空区'));
  await waitFor(() => expect(screen.queryByTestId('risk-answer')).toBeNull());
  expect(screen.getByText('未找到：没有这个地名')).toBeTruthy();
});
