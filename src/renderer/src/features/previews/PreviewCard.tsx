import { useTranslation } from 'react-i18next'
import { useStore } from '../../store'
import type { PreviewTarget } from '../../store/types'
import { usePortalNames } from '../catalog/use-catalog'
import { useLazyPreview } from './use-preview'

export const PreviewCard = ({ target }: { target: PreviewTarget }) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const openPreview = useStore((s) => s.openPreview)
  const { ref, result } = useLazyPreview(target)

  return (
    <li className="preview-card" ref={ref as React.Ref<HTMLLIElement>}>
      <button
        type="button"
        className="preview-thumb"
        aria-label={t('previews.open', { title: target.title })}
        onClick={() => openPreview(target)}
      >
        {result === null && <span className="thumb-placeholder" aria-hidden="true" />}
        {result && 'dataUrl' in result && result.dataUrl && (
          <img src={result.dataUrl} alt="" decoding="async" />
        )}
        {result && 'dataUrl' in result && !result.dataUrl && (
          <span className="thumb-none">{t('previews.none')}</span>
        )}
        {result && 'error' in result && (
          <span className="thumb-none" title={result.error}>
            {t('previews.failed')}
          </span>
        )}
      </button>
      <div className="preview-caption">
        <span className="ellipsis" title={target.title}>
          {target.title}
        </span>
        <span className="muted small">{names.get(target.portalId)}</span>
      </div>
    </li>
  )
}
