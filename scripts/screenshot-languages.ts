// The language gallery of `npm run screenshots`: each UI language, the floating panel on a phone, a visitor's
// question typed in it (the stand-in's reply quotes it). Arabic and Hebrew show the panel mirrored.
export const LANGUAGE_QUESTIONS: Record<string, string> = {
  en: 'What are your opening hours?',
  ar: 'ما هي ساعات العمل لديكم؟',
  de: 'Wann haben Sie geöffnet?',
  es: '¿Cuál es su horario de apertura?',
  fr: 'Quels sont vos horaires d’ouverture ?',
  he: 'מה שעות הפתיחה שלכם?',
  hi: 'आपके खुलने का समय क्या है?',
  it: 'Quali sono i vostri orari di apertura?',
  ja: '営業時間を教えてください。',
  ko: '영업시간이 어떻게 되나요?',
  nl: 'Wat zijn jullie openingstijden?',
  pl: 'Jakie są godziny otwarcia?',
  pt: 'Qual é o vosso horário de funcionamento?',
  'pt-BR': 'Qual é o horário de funcionamento de vocês?',
  tr: 'Çalışma saatleriniz nedir?',
  'zh-CN': '你们的营业时间是几点到几点？',
  'zh-TW': '你們的營業時間是幾點到幾點？',
};
