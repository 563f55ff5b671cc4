import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CodeView } from '../../src/components/CodeView';
import CodePage from '../../src/pages/code/index';
import Taro, { calls, resetTaroMock, setApiHandler } from './support/taro-mock';
import { myCode } from './support/fixtures';

beforeEach(() => resetTaroMock());
afterEach(() => jest.useRealTimers());

const at = (iso: string) => new Date(iso);

describe('the code card', () => {
  it('shows the colour, reason, clause, list version and the next step with its date; the policy version under details', () => {
    render(<CodeView status="live" code={myCode()} error={null} now={at('2022-04-09T02:31:00Z')} onReport={jest.fn()} onRetry={jest.fn()} />);
    const card = screen.getByTestId('code-card');
    expect(card.className).toContain('code-card--yellow');
    expect(screen.getByText('黄码')).toBeTruthy();
    expect(screen.getByText(/超过7天/)).toBeTruthy();
    expect(screen.getByText('依据：通知一(二)2')).toBeTruthy();
    expect(screen.queryByText(/政策版本/)).toBeNull();
    fireEvent.click(screen.getByText(/详细信息/));
    expect(screen.getByText(/政策版本：1\.0\.0/)).toBeTruthy();
    expect(screen.getByText(/风险地区名单日期：2022年4月8日/)).toBeTruthy();
    expect(screen.getByText('完成7天健康监测并核酸检测阴性后可转为绿码')).toBeTruthy();
    expect(screen.getByText(/可办理日期：2022年4月16日起/)).toBeTruthy();
    // 02:35Z is 10:35 in Asia/Shanghai.
    expect(screen.getByText(/有效至 10:35/)).toBeTruthy();
    expect(screen.getByTestId('code-qr').className).not.toContain('stale');
  });

  it('draws the QR inside the colour card, under a clock that ticks', () => {
    jest.useFakeTimers({ now: at('2022-04-09T02:31:05Z') });
    render(<CodeView status="live" code={myCode()} error={null} now={at('2022-04-09T02:31:05Z')} onReport={jest.fn()} onRetry={jest.fn()} />);
    const card = screen.getByTestId('code-card');
    expect(card.contains(screen.getByTestId('code-qr'))).toBe(true);
    expect(screen.getByTestId('code-clock').textContent).toBe('2022-04-09 10:31:05');
    act(() => jest.advanceTimersByTime(2000));
    expect(screen.getByTestId('code-clock').textContent).toBe('2022-04-09 10:31:07');
  });

  it('greys out an expired QR', () => {
    render(<CodeView status="live" code={myCode()} error={null} now={at('2022-04-09T02:36:00Z')} onReport={jest.fn()} onRetry={jest.fn()} />);
    expect(screen.getByTestId('code-qr').className).toContain('code-qr--stale');
    expect(screen.getByText(/二维码已过期/)).toBeTruthy();
  });

  it('before the first report, says so and links to the report page', () => {
    const onReport = jest.fn();
    render(
      <CodeView status="live" code={myCode({ person: null, decision: null, qr: null })} error={null} now={new Date()} onReport={onReport} onRetry={jest.fn()} />,
    );
    expect(screen.getByText(/还没有填报/)).toBeTruthy();
    fireEvent.click(screen.getByText('去报备'));
    expect(onReport).toHaveBeenCalledTimes(1);
  });
});

describe('the code page', () => {
  it('offline, shows the cached code with the time it was fetched and a greyed QR', async () => {
    Taro.setStorageSync('myCode.v1', myCode());
    setApiHandler(() => {
      throw new Error('offline');
    });
    render(<CodePage />);
    expect(await screen.findByText('网络异常，显示的是 10:30 获取的健康码')).toBeTruthy();
    expect(screen.getByText('黄码')).toBeTruthy();
    expect(screen.getByTestId('code-qr').className).toContain('code-qr--stale');
  });

  it('offline with nothing cached, shows the network error', async () => {
    setApiHandler(() => {
      throw new Error('offline');
    });
    render(<CodePage />);
    expect(await screen.findByText('网络不可用，请稍后重试')).toBeTruthy();
  });

  it('caches a live code, lists the reports and refreshes the code every 60 s', async () => {
    jest.useFakeTimers();
    jest.setSystemTime(new Date('2022-04-09T02:31:00Z'));
    setApiHandler((fn, data) => {
      if (fn === 'code') return { ok: true, data: myCode() };
      if (fn === 'report' && data.action === 'list') {
        return {
          ok: true,
          data: {
            reports: [
              { id: 'r1', createdAt: '2022-04-01T04:00:00Z', arrivalDate: '2022-04-01', origin: '吉林省长春市宽城区', destination: '河池市金城江区', code: 'yellow', clause: '一(二)2' },
            ],
          },
        };
      }
      throw new Error(`unexpected ${fn}`);
    });
    render(<CodePage />);
    expect((await screen.findByTestId('code-card')).textContent).toContain('黄码');
    expect((await screen.findByTestId('history-row')).textContent).toContain('吉林省长春市宽城区 → 河池市金城江区');
    expect(Taro.getStorageSync('myCode.v1')).toMatchObject({ fetchedAt: '2022-04-09T02:30:00.000Z' });
    const mineCalls = () => calls.filter((c) => c.fn === 'code').length;
    const before = mineCalls();
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    await waitFor(() => expect(mineCalls()).toBe(before + 1));
  });
});
