import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { ensureCloud, isWeapp } from './services/env';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Without an env id every call answers NO_CLOUD_ENV and the pages say so.
    if (isWeapp) ensureCloud();
  });
  return children;
}

export default App;
