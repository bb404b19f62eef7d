/**
 * Vue 3: the report element in a component. With single-file components, tell Vue's
 * compiler which tags are custom elements (vite.config: `vue({ template: { compilerOptions:
 * { isCustomElement: (tag) => tag.startsWith('disclosure-') } } })`) and bind the report as
 * a property: `<disclosure-report :report.prop="report" show-findings @disclosure-load="…" />`.
 * This file uses a render function, which needs no compiler.
 */
import '@disclosure-report/elements';
import type { Report } from '@disclosure-report/core';
import { type PropType, defineComponent, h } from 'vue';

export default defineComponent({
  name: 'ReportView',
  props: {
    report: { type: Object as PropType<Report>, required: true },
    lang: { type: String, default: 'zh-CN' },
  },
  emits: { loaded: (_report: Report) => true },
  setup(props, { emit }) {
    return () =>
      h('disclosure-report', {
        // `.report` (with ^ for attributes) makes Vue set the DOM property, not a string attribute.
        '.report': props.report,
        lang: props.lang,
        'show-findings': '',
        'onDisclosure-load': (e: CustomEvent<{ report: Report }>) => emit('loaded', e.detail.report),
      });
  },
});
