//! The demo clinic's after-visit instruction templates, one per service and language: short,
//! plain-language starting points a practitioner adapts before publishing.

use crate::db::{self, instructions::TemplateContent};
use app::wire::Language;
use chrono::{DateTime, Utc};

struct DemoTemplate {
    service_code: &'static str,
    language: Language,
    title: &'static str,
    body_md: &'static str,
}

const TEMPLATES: [DemoTemplate; 8] = [
    DemoTemplate {
        service_code: "physiotherapy",
        language: Language::En,
        title: "After your physiotherapy session",
        body_md: "## What to expect\n\n\
Some soreness for 24–48 hours is normal, like after a workout. It should get better each day.\n\n\
## At home\n\n\
- Do the exercises you were shown, **twice a day**, slowly and without forcing.\n\
- Stop an exercise if it causes sharp pain, and tell us at your next visit.\n\
- For soreness: a cold pack wrapped in a towel, 15 minutes at a time. For stiffness: warmth, like a warm shower.\n\n\
## When to call us\n\n\
- The pain is much worse than before the session, or does not ease after 2 days.\n\
- You notice new swelling, numbness or tingling.\n\n\
If you have chest pain, trouble breathing or a sudden weakness, call 911.\n",
    },
    DemoTemplate {
        service_code: "physiotherapy",
        language: Language::Es,
        title: "Después de su sesión de fisioterapia",
        body_md: "## Qué esperar\n\n\
Es normal sentir algo de dolor muscular durante 24 a 48 horas, como después de hacer ejercicio. Debe mejorar cada día.\n\n\
## En casa\n\n\
- Haga los ejercicios que le enseñamos, **dos veces al día**, despacio y sin forzar.\n\
- Si un ejercicio le causa un dolor agudo, deténgase y díganos en su próxima visita.\n\
- Para el dolor: una compresa fría envuelta en una toalla, 15 minutos cada vez. Para la rigidez: calor, como una ducha tibia.\n\n\
## Cuándo llamarnos\n\n\
- El dolor es mucho peor que antes de la sesión o no mejora en 2 días.\n\
- Nota hinchazón, adormecimiento u hormigueo nuevos.\n\n\
Si tiene dolor de pecho, dificultad para respirar o debilidad repentina, llame al 911.\n",
    },
    DemoTemplate {
        service_code: "follow-up",
        language: Language::En,
        title: "After your follow-up visit",
        body_md: "## What we agreed\n\n\
- Keep taking your medicines as we discussed today.\n\
- Write down how you feel over the next weeks, so we can talk about it next time.\n\n\
## When to call us\n\n\
- A medicine seems to cause side effects, such as a rash or an upset stomach.\n\
- You feel worse, or not better, by the time we agreed.\n\n\
If it is an emergency, call 911.\n",
    },
    DemoTemplate {
        service_code: "follow-up",
        language: Language::Es,
        title: "Después de su visita de seguimiento",
        body_md: "## Lo que acordamos\n\n\
- Siga tomando sus medicinas como hablamos hoy.\n\
- Anote cómo se siente en las próximas semanas para hablarlo en la próxima visita.\n\n\
## Cuándo llamarnos\n\n\
- Una medicina parece causarle efectos secundarios, como sarpullido o malestar de estómago.\n\
- Se siente peor, o no mejora en el tiempo que acordamos.\n\n\
Si es una emergencia, llame al 911.\n",
    },
    DemoTemplate {
        service_code: "new-patient",
        language: Language::En,
        title: "After your first visit",
        body_md: "Thank you for choosing us. Here is what happens next.\n\n\
## Next steps\n\n\
- If we ordered tests, the lab will call you to book them. Results usually take a few days.\n\
- Bring your list of medicines to every visit, and tell us when it changes.\n\n\
## When to call us\n\n\
- You have questions about anything we talked about today.\n\
- You have not heard from the lab within a week.\n\n\
If it is an emergency, call 911.\n",
    },
    DemoTemplate {
        service_code: "new-patient",
        language: Language::Es,
        title: "Después de su primera visita",
        body_md: "Gracias por elegirnos. Esto es lo que sigue.\n\n\
## Próximos pasos\n\n\
- Si pedimos análisis, el laboratorio le llamará para darle una cita. Los resultados suelen tardar unos días.\n\
- Traiga su lista de medicinas a cada visita y avísenos cuando cambie.\n\n\
## Cuándo llamarnos\n\n\
- Tiene preguntas sobre algo de lo que hablamos hoy.\n\
- El laboratorio no le ha llamado en una semana.\n\n\
Si es una emergencia, llame al 911.\n",
    },
    DemoTemplate {
        service_code: "telehealth",
        language: Language::En,
        title: "After your video check-in",
        body_md: "## What we agreed\n\n\
- If we renewed a prescription, your pharmacy will have it ready within a day.\n\
- Follow the plan we discussed on the call.\n\n\
## When to call us\n\n\
- The pharmacy does not have your prescription after 2 days.\n\
- You feel worse, or need to be seen in person.\n\n\
If it is an emergency, call 911.\n",
    },
    DemoTemplate {
        service_code: "telehealth",
        language: Language::Es,
        title: "Después de su consulta por video",
        body_md: "## Lo que acordamos\n\n\
- Si renovamos una receta, su farmacia la tendrá lista en un día.\n\
- Siga el plan que hablamos en la llamada.\n\n\
## Cuándo llamarnos\n\n\
- La farmacia no tiene su receta después de 2 días.\n\
- Se siente peor o necesita que le veamos en persona.\n\n\
Si es una emergencia, llame al 911.\n",
    },
];

/// Writes the demo's templates, refreshing in place: a demo template (no staff author) with
/// the same service, language and title is updated, so running the demo again duplicates
/// nothing; templates staff wrote or edited are left as they are.
pub async fn seed_templates(
    tx: &mut db::WriteTx,
    clinic_id: i64,
    service_ids: &[(&str, i64)],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for template in &TEMPLATES {
        let Some(&(_, service_id)) = service_ids
            .iter()
            .find(|(code, _)| *code == template.service_code)
        else {
            continue;
        };
        let content = TemplateContent {
            service_id,
            language: template.language,
            title: template.title,
            body_md: template.body_md,
        };
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT MIN(id) FROM instruction_templates
             WHERE clinic_id = $1 AND service_id = $2 AND language = $3 AND title = $4
               AND updated_by IS NULL",
        )
        .bind(clinic_id)
        .bind(service_id)
        .bind(template.language.code())
        .bind(template.title)
        .fetch_one(&mut **tx)
        .await?;
        match existing {
            Some(id) => db::instructions::update_template(tx, id, &content, None, now).await?,
            None => {
                db::instructions::insert_template(tx, clinic_id, &content, None, now).await?;
            }
        }
    }
    Ok(())
}
