// i18next set-up: Chinese by default, English complete; the choice is kept in localStorage.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { enUS } from '../locales/en-US.ts';
import { zhCN } from '../locales/zh-CN.ts';
import { setRequestLanguage } from './api.ts';

export const languages = ['zh-CN', 'en-US'] as const;
export type Language = (typeof languages)[number];
export const LANG_STORAGE_KEY = 'zoneops.lang';

export function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (languages as readonly string[]).includes(v);
}

/** The value of <html lang>: zh-CN for Chinese, en for English. */
export function htmlLang(lang: Language): string {
  return lang === 'zh-CN' ? 'zh-CN' : 'en';
}

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANG_STORAGE_KEY);
    return isLanguage(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

function applyLanguage(lang: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = htmlLang(lang);
  // antd's date pickers take week starts and month names from dayjs
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  setRequestLanguage(lang);
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // private mode: the switch still works for this page
  }
  await i18n.changeLanguage(lang);
  applyLanguage(lang);
}

export function initI18n(): typeof i18n {
  const lang = storedLanguage();
  void i18n.use(initReactI18next).init({
    showSupportNotice: false,
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: lang,
    fallbackLng: 'zh-CN',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(lang);
  return i18n;
}
