/**
 * Entry of the self-contained `dist/disclosure-report.js` (Lit and core included): a page
 * needs only `<script type="module" src=".../disclosure-report.js"></script>`.
 */
import './disclosure-report.js';
import './table-elements.js';
import './findings-element.js';
